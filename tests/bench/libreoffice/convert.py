"""A warm LibreOffice for the documents bench (tests/bench/libreoffice/printer.ts): connects over UNO to the
soffice started beside it, then converts each "<html path>\t<pdf path>" line of stdin to a PDF, as Writer
(not Writer/Web) would print it, and answers each with a line (the milliseconds it took here, or ERR ...).
Run with Debian's /usr/bin/python3, which has the uno module (python3-uno)."""
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + 60
    while True:
        try:
            return resolver.resolve(url)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


ctx = connect(sys.argv[1])
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
print("ready", flush=True)
for line in sys.stdin:
    if not line.strip():
        break
    src, dst = line.rstrip("\n").split("\t")
    try:
        t = time.perf_counter()
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True), prop("FilterName", "HTML (StarWriter)"))
        )
        doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "writer_pdf_Export"),))
        doc.close(True)
        print(f"{(time.perf_counter() - t) * 1000:.1f}", flush=True)
    except Exception as e:  # the bench reports it and stops
        print(f"ERR {e}", flush=True)
try:
    desktop.terminate()
except Exception:
    pass  # soffice ends the bridge while answering
