#!/usr/bin/python3
"""Makes people-encrypted.xlsx: a REAL password-encrypted workbook written by LibreOffice Calc (issue 18).

SYNTHETIC DATA ONLY: the three rows below are made up for this fixture (the columns of
tests/Workbench.Tests/Fixtures/Data/valid/people.csv); they describe no person.

Run with Debian's libreoffice-calc-nogui and python3-uno (7.4.7):
    /usr/bin/python3 make-encrypted-workbook.py
The test (WorkbookAndParquetLoadTests) reads only the committed output, so it needs no LibreOffice at run time.

soffice runs headless in a temporary profile and listens on a private socket; the workbook is stored through UNO
with FilterName "Calc Office Open XML" and EncryptionData {OOXPassword, CryptoType "Standard"} (what Calc's own
save-with-password dialog passes), which LibreOffice writes as an OLE compound file holding "EncryptionInfo" and
"EncryptedPackage" streams (MS-OFFCRYPTO 2.3.4). A plain Password property writes an UNENCRYPTED ZIP package (so,
in an earlier attempt, did `--convert-to` with a password filter option and a Basic macro), and EncryptionData
without CryptoType fails to store (an IOException, write error 0xc10).
The office process is killed in a finally with a timeout, so none outlives the script. Before it keeps the file, the
script checks that it is an OLE compound file with both streams and that LibreOffice reopens it only with the
password, reading the synthetic values back.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import NamedValue, PropertyValue

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "people-encrypted.xlsx")
PASSWORD = "synthetic-fixture"  # not a secret: the test shows the file cannot be read without it
SYNTHETIC_CSV = "id,sex,age,weight,consent,visit\nP1,F,34,61.5,true,2023-01-15\nP2,M,41,80.25,false,2023-02-01\nP3,X,27,70,true,2023-03-12\n"
SOFFICE = "/usr/bin/soffice"
TIMEOUT_SECONDS = 60


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def named(name, value):
    v = NamedValue()
    v.Name = name
    v.Value = value
    return v


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect(port, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise TimeoutError("soffice did not accept a UNO connection in time")
            time.sleep(0.5)


def check_encrypted(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(bytes.fromhex("D0CF11E0A1B11AE1")):
        sys.exit(f"{path} is not an OLE compound file: LibreOffice wrote it unencrypted")
    for stream in ("EncryptionInfo", "EncryptedPackage"):
        if stream.encode("utf-16-le") not in data:
            sys.exit(f"{path} has no {stream} stream")


def main():
    work = tempfile.mkdtemp(prefix="wb-lo-encrypt-")
    process = None
    try:
        csv = os.path.join(work, "people.csv")
        with open(csv, "w", encoding="utf-8", newline="") as f:
            f.write(SYNTHETIC_CSV)
        target = os.path.join(work, "people-encrypted.xlsx")
        port = free_port()
        process = subprocess.Popen(
            [SOFFICE, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.join(work, "profile")),
             f"--accept=socket,host=127.0.0.1,port={port};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + TIMEOUT_SECONDS
        context = connect(port, deadline)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        # Filter options: comma separator, double quote, UTF-8 (76), start at line 1, every column "standard".
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(csv), "_blank", 0, (
            prop("Hidden", True), prop("FilterName", "Text - txt - csv (StarCalc)"), prop("FilterOptions", "44,34,76,1")))
        # The OOXML export encrypts when the media descriptor carries EncryptionData naming the engine (CryptoType) and
        # the password (OOXPassword); a plain Password property alone is written unencrypted by storeToURL.
        encryption = uno.Any("[]com.sun.star.beans.NamedValue", (named("OOXPassword", PASSWORD), named("CryptoType", "Standard")))
        uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(target), (
            prop("FilterName", "Calc Office Open XML"), prop("EncryptionData", encryption), prop("Overwrite", True))))
        document.close(True)
        check_encrypted(target)
        # Round trip: LibreOffice opens it again only with the password, and the synthetic values are inside.
        reopened = desktop.loadComponentFromURL(uno.systemPathToFileUrl(target), "_blank", 0, (
            prop("Hidden", True), prop("Password", PASSWORD)))
        first = reopened.getSheets().getByIndex(0).getCellByPosition(0, 1).getString()
        reopened.close(True)
        if first != "P1":
            sys.exit(f"the encrypted workbook opened with its password reads {first!r} in A2, not 'P1'")
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops as the office exits
        process.wait(timeout=max(1, deadline - time.monotonic()))
        shutil.copyfile(target, OUTPUT)
        print(f"wrote {OUTPUT} ({os.path.getsize(OUTPUT)} bytes, encrypted)")
    finally:
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
