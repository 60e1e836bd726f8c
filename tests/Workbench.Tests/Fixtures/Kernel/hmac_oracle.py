"""Oracle for MessageSignerTests: HMAC-SHA256 as jupyter_client.session.Session.sign computes it
(hmac over header, parent header, metadata and content, concatenated; lower-case hex). Run with /usr/bin/python3."""
import hashlib
import hmac

key = b"a0436f6c-1916-498b-8eb9-e81ab9368e84"
parts = [b'{"msg_id":"1","msg_type":"kernel_info_request"}', b"{}", b"{}", b"{}"]
print(hmac.new(key, b"".join(parts), hashlib.sha256).hexdigest())
