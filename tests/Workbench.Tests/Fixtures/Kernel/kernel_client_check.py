"""Drives the workbench kernel with Jupyter's own client (Debian python3-jupyter-client 7.4.9).

Usage: /usr/bin/python3 kernel_client_check.py WORKDIR
The kernelspec 'workbench-csharp' must be findable (JUPYTER_PATH). Prints one line per check, "PASS name" or
"FAIL name: detail", and exits 0 only when every check passed. The kernel's standard error is written to
WORKDIR/kernel-stderr.log (the rejected-signature check reads it).
"""
import hashlib
import hmac
import json
import os
import sys
import time
import uuid

import zmq
from jupyter_client import KernelManager

WORKDIR = sys.argv[1]
KERNEL = os.environ.get("WORKBENCH_KERNEL_NAME", "workbench-csharp")
TIMEOUT = 180
results = []


def check(name, condition, detail=""):
    results.append(condition)
    print(("PASS " if condition else "FAIL ") + name + ("" if condition else ": " + str(detail)), flush=True)


def run(kc, code, timeout=TIMEOUT, stop_on_error=True):
    """Executes code; returns (reply content, iopub messages of this request in order)."""
    msg_id = kc.execute(code, stop_on_error=stop_on_error)
    messages = []
    deadline = time.monotonic() + timeout
    idle = False
    while not idle:
        msg = kc.get_iopub_msg(timeout=max(1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
    reply = kc.get_shell_msg(timeout=max(1, deadline - time.monotonic()))
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=max(1, deadline - time.monotonic()))
    return reply["content"], messages


def shell_reply(kc, msg_id):
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    return reply["content"]


def of_type(messages, kind):
    return [m["content"] for m in messages if m["msg_type"] == kind]


def result_text(messages):
    results_ = of_type(messages, "execute_result")
    return results_[-1]["data"].get("text/plain") if results_ else None


def start(km):
    km.start_kernel(stderr=open(os.path.join(WORKDIR, "kernel-stderr.log"), "ab"))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return kc


def raw_shell_message(km, key, code, signature_mode):
    """Sends an execute_request straight over ZeroMQ with a wrong or missing signature; returns whether a reply came."""
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"tcp://{km.ip}:{km.shell_port}")
    header = json.dumps({"msg_id": uuid.uuid4().hex, "session": uuid.uuid4().hex, "username": "attacker", "date": "2026-01-01T00:00:00Z",
                         "msg_type": "execute_request", "version": "5.3"}).encode()
    parts = [header, b"{}", b"{}", json.dumps({"code": code, "silent": False, "store_history": True, "user_expressions": {},
                                                  "allow_stdin": False, "stop_on_error": True}).encode()]
    good = hmac.new(key, b"".join(parts), hashlib.sha256).hexdigest()
    signature = {"wrong": ("0" * 64 if good != "0" * 64 else "1" * 64), "missing": "", "wrong-key":
                 hmac.new(b"not-the-key", b"".join(parts), hashlib.sha256).hexdigest()}[signature_mode]
    sock.send_multipart([b"<IDS|MSG>", signature.encode()] + parts)
    replied = sock.poll(3000) != 0
    sock.close()
    return replied


def main():
    km = KernelManager(kernel_name=KERNEL)
    kc = start(km)

    info = kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]
    check("kernel_info", info.get("protocol_version") == "5.3" and info.get("language_info", {}).get("name") == "C#"
          and info.get("implementation") == "workbench" and info.get("status") == "ok", info)

    reply, messages = run(kc, "1+1")
    states = [m["content"]["execution_state"] for m in messages if m["msg_type"] == "status"]
    check("execute 1+1", reply["status"] == "ok" and result_text(messages) == "2", (reply, result_text(messages)))
    check("status busy/idle with parent", states[:1] == ["busy"] and states[-1:] == ["idle"], states)
    check("execute_input and execution_count", of_type(messages, "execute_input")[0]["execution_count"] == reply["execution_count"]
          and of_type(messages, "execute_result")[0]["execution_count"] == reply["execution_count"], reply)

    reply, messages = run(kc, 'Console.WriteLine("hello from C#");')
    streams = of_type(messages, "stream")
    check("stream stdout", reply["status"] == "ok" and "".join(s["text"] for s in streams if s["name"] == "stdout") == "hello from C#\n", streams)

    reply, messages = run(kc, 'var shown = display("draft");\nshown.Update("final");')
    displays = of_type(messages, "display_data")
    updates = of_type(messages, "update_display_data")
    check("display_data and update_display_data", len(displays) == 1 and len(updates) == 1
          and displays[0]["transient"]["display_id"] == updates[0]["transient"]["display_id"]
          and "draft" in displays[0]["data"]["text/plain"] and "final" in updates[0]["data"]["text/plain"], (displays, updates))

    reply, messages = run(kc, 'throw new InvalidOperationException("the cell failed on purpose");')
    errors = of_type(messages, "error")
    check("failing cell gives an error reply", reply["status"] == "error" and reply["ename"] == "InvalidOperationException"
          and reply["evalue"] == "the cell failed on purpose" and isinstance(reply["traceback"], list) and len(errors) == 1, reply)
    reply, messages = run(kc, "int notANumber = \"text\";")
    check("compile error gives an error reply", reply["status"] == "error" and "CS0029" in reply["evalue"], reply)
    reply, messages = run(kc, "var keep = 40 + 1;\nkeep")
    check("kernel usable after a failing cell", reply["status"] == "ok" and result_text(messages) == "41", reply)

    before = kc.execute_interactive("1", timeout=TIMEOUT, output_hook=lambda m: None)["content"]["execution_count"]
    silent_id = kc.execute("Console.WriteLine(\"quiet\");", silent=True)
    silent = kc.get_shell_msg(timeout=TIMEOUT)
    after = kc.execute_interactive("2", timeout=TIMEOUT, output_hook=lambda m: None)["content"]["execution_count"]
    check("silent execution", silent["parent_header"]["msg_id"] == silent_id and silent["content"]["status"] == "ok" and after == before + 1,
          (before, silent["content"], after))

    # A long-running cell that checks for cancellation the way .NET code does.
    msg_id = kc.execute("var token = Microsoft.DotNet.Interactive.KernelInvocationContext.Current.CancellationToken;\n"
                        "for (var i = 0; i < 600; i++) { await Task.Delay(100, token); }\n\"not interrupted\"")
    time.sleep(2)
    interrupt = km.session.msg("interrupt_request", {})
    kc.control_channel.send(interrupt)
    control_reply = kc.get_control_msg(timeout=30)
    reply = kc.get_shell_msg(timeout=60)
    check("interrupt a cooperative long-running cell", control_reply["content"]["status"] == "ok" and reply["parent_header"]["msg_id"] == msg_id
          and reply["content"]["status"] == "error", (control_reply["content"], reply["content"]))
    reply, messages = run(kc, "keep + 1")
    check("kernel usable after the interrupt (state kept)", reply["status"] == "ok" and result_text(messages) == "42", reply)

    # A cell that never checks for cancellation: the kernel abandons the engine after its grace period.
    msg_id = kc.execute("System.Threading.Thread.Sleep(600_000);")
    time.sleep(2)
    kc.control_channel.send(km.session.msg("interrupt_request", {}))
    kc.get_control_msg(timeout=30)
    reply = kc.get_shell_msg(timeout=60)
    check("interrupt a blocking cell", reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "error"
          and reply["content"]["ename"] in ("Interrupted", "KernelReset"), reply["content"])
    reply, messages = run(kc, "var again = 6 * 7;\nagain")
    check("kernel usable after interrupting a blocking cell", reply["status"] == "ok" and result_text(messages) == "42", reply)

    # Run All: with stop_on_error (jupyter_client's default), the cells queued behind a failing one are aborted.
    failing = kc.execute('throw new InvalidOperationException("stop here");')
    queued = [kc.execute("again + 1"), kc.execute("again + 2")]
    statuses = {}
    while len(statuses) < 3:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        statuses[reply["parent_header"].get("msg_id")] = reply["content"]["status"]
    check("stop_on_error aborts the queued cells", statuses.get(failing) == "error" and [statuses.get(q) for q in queued] == ["aborted", "aborted"],
          statuses)
    reply, messages = run(kc, "again + 3")
    check("kernel runs cells again after the abort", reply["status"] == "ok" and result_text(messages) == "45", reply)

    code = "Console.Wri"
    complete = kc.complete(code, len(code), reply=True, timeout=TIMEOUT)["content"]
    check("complete_request", complete["status"] == "ok" and "WriteLine" in complete["matches"]
          and complete["cursor_start"] == 8 and complete["cursor_end"] == 11, complete)
    code = "var ümlaut = 1; // 😀\nConsole.Wri"
    complete = kc.complete(code, len(code), reply=True, timeout=TIMEOUT)["content"]
    check("complete_request counts code points", "WriteLine" in complete["matches"] and complete["cursor_start"] == len(code) - 3
          and complete["cursor_end"] == len(code), complete)

    code = "Console.WriteLine"
    inspect = kc.inspect(code, len(code), reply=True, timeout=TIMEOUT)["content"]
    text = json.dumps(inspect.get("data", {}))
    check("inspect_request", inspect["status"] == "ok" and inspect["found"] and "WriteLine" in text, inspect)
    inspect = kc.inspect("   ", 1, reply=True, timeout=TIMEOUT)["content"]
    check("inspect_request on whitespace finds nothing", inspect["status"] == "ok" and not inspect["found"], inspect)

    incomplete = shell_reply(kc, kc.is_complete("for (var i = 0; i < 3; i++)\n{"))
    complete_ = shell_reply(kc, kc.is_complete("var x = 1;\nx + 1"))
    check("is_complete_request", incomplete["status"] == "incomplete" and incomplete.get("indent") == "    "
          and complete_["status"] == "complete", (incomplete, complete_))
    invalid = shell_reply(kc, kc.is_complete("var x = ;"))
    check("is_complete_request invalid", invalid["status"] == "invalid" and "indent" not in invalid, invalid)

    comm = shell_reply(kc, kc.comm_info())
    check("comm_info_request", comm["status"] == "ok" and comm["comms"] == {}, comm)

    marker = os.path.join(WORKDIR, "must-not-exist.txt")
    side_effect = f'System.IO.File.WriteAllText(@"{marker}", "executed");'
    replied = [raw_shell_message(km, km.session.key, side_effect, mode) for mode in ("wrong", "missing", "wrong-key")]
    time.sleep(1)
    log = open(os.path.join(WORKDIR, "kernel-stderr.log"), encoding="utf-8", errors="replace").read()
    check("bad signatures are rejected, not executed", replied == [False, False, False] and not os.path.exists(marker)
          and log.count("rejected a message on shell") >= 3, (replied, os.path.exists(marker), log[-2000:]))
    reply, messages = run(kc, "again * 2")
    check("kernel usable after rejected messages", reply["status"] == "ok" and result_text(messages) == "84", reply)

    km.restart_kernel(now=False)
    kc.stop_channels()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    reply, messages = run(kc, "again")
    check("restart gives a fresh engine", reply["status"] == "error" and "CS0103" in reply["evalue"], reply)
    reply, messages = run(kc, "1+1")
    check("kernel usable after restart", reply["status"] == "ok" and result_text(messages) == "2" and reply["execution_count"] == 2, reply)

    kc.stop_channels()
    km.shutdown_kernel(now=False)
    check("shutdown", not km.is_alive(), "kernel still alive")


if __name__ == "__main__":
    try:
        main()
    except Exception as ex:  # a timeout or a crash is a failure, reported like the others
        check("client session", False, repr(ex))
    sys.exit(0 if results and all(results) else 1)
