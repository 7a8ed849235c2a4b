// A stand-in for pygbag's loader (pythons.js), served in its place by the canvas edition's tests: pygbag's
// CPython runtime cannot be fetched here. window.verdictStub (set by the test before the page loads) says
// how it behaves:
//   "silent"  - loads and does nothing (a loader that hangs);
//   "throw"   - throws while loading (an error that pythons.js would turn into an alert);
//   "runtime" - asks for the CPython runtime (cpython312/main.js) as pythons.js does, which the test refuses;
//   "pyodide" - plays pygbag's part with Pyodide: runs the page's own Python block (custom_site), which
//               unpacks verdict.tar.gz and runs main.py, under a minimal pygbag-like `platform` module.
// It records what the address looked like when it ran, as pythons.js reads it then.
window.verdictStubSaw = { search: location.search, hash: location.hash }
const mode = window.verdictStub || "silent"
const site = document.getElementById("site")
const cdn = site.src.replace(/pythons\.js.*$/, "")

function script(src) {
    return new Promise((resolve, reject) => {
        const el = document.createElement("script")
        el.src = src
        el.onload = resolve
        el.onerror = () => reject(new Error(src + " did not load"))
        document.head.appendChild(el)
    })
}

const PYGBAG_LIKE = `
import asyncio, io, os, sys, types
import platform
import js
from pyodide.http import pyfetch

platform.window = js
platform.document = js.document
os.makedirs("/data/data", exist_ok=True)


class _Remote:
    def __init__(self, url):
        self.url = url

    async def __aenter__(self):
        response = await pyfetch(self.url)
        if not response.ok:
            raise FileNotFoundError(f"{self.url}: HTTP {response.status}")
        return io.BytesIO(await response.bytes())

    async def __aexit__(self, *exc):
        return False


def run_main(config, loaderhome=None, loadermain=None):
    os.chdir(str(loaderhome))
    sys.path.insert(0, str(loaderhome))


platform.fopen = lambda url, mode="r": _Remote(url)
platform.run_main = run_main
platform.shell = None
embed = types.ModuleType("embed")
embed.counter = lambda: 0
sys.modules["embed"] = embed


class TopLevel_async_handler:
    @staticmethod
    async def start_toplevel(shell, console=False):
        return None


class shell:
    @staticmethod
    async def source(main, callback=None):
        with open(main, encoding="utf-8") as handle:
            code = handle.read()
        exec(compile(code, str(main), "exec"), {"__name__": "__main__", "__file__": str(main)})

    @staticmethod
    def interactive():
        return None


PyConfig = {}
window = js
asyncio.run = asyncio.ensure_future  # pygbag's aio.run only schedules the task on the page's loop
`

async function start() {
    if (mode === "silent") return
    if (mode === "throw") throw new Error("the loader broke while starting")
    window.custom_onload && await window.custom_onload(true)
    if (mode === "runtime") {
        await script(cdn + "cpython312/main.js")
        return
    }
    window.MM = { UME: true }  // what pythons.js defines for the page's Python block
    window.python = { config: { debug: false } }
    window.window_resize = () => {}
    await script(window.verdictStubPyodide + "pyodide.js")
    const pyodide = await loadPyodide({ indexURL: window.verdictStubPyodide })
    window.verdictPyodide = pyodide
    const code = PYGBAG_LIKE + "\n" + site.text
    await pyodide.runPythonAsync(code)
}

if (mode === "throw") throw new Error("the loader broke while starting")
start()
