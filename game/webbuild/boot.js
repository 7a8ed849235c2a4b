// Verdict's loading script, inlined at the top of both editions' pages (game/webbuild builds them).
// It runs before anything else on the page, so it can (1) read a deep link before pygbag's loader misreads
// the address, (2) catch every error before pygbag's own handlers turn it into an alert(), and (3) watch
// each stage of the start: when one fails or stops moving, the loading line is replaced by a message for the
// student, a details line for the teacher and a way to the HTML edition. Python reports through
// verdict_stage / verdict_started / verdict_failed / verdict_canvas_failed (game/web/boot.py).
(function () {
    "use strict"
    const CASE_ID = /^[a-z][a-z0-9_]{0,63}$/
    // Seconds a stage may go without any sign of progress before the student is told. The runtime is the
    // big download (about 10 MB); progress events from it reset its clock, so a slow line is not a failure.
    const STALL_S = { runtime: 60, archive: 40, python: 40, frame: 30 }
    const STUDENT = {
        runtime: "The game could not start on this network: the part it downloads to run (about 10 MB) did not arrive.",
        archive: "The game could not start: its case files did not download from this site.",
        python: "The game could not start: its program stopped with an error.",
        frame: "The game's picture is not starting in this browser: press Text mode, at the top, to play the same game as text.",
        page: "The game could not start in this browser.",
    }
    const TEACHER = {
        runtime: "The Python runtime (pygbag) comes from another site, which this network may block or slow down.",
        archive: "The game archive on this site could not be fetched or unpacked.",
        python: "Python started but the game's code failed.",
        frame: "pygame did not draw its first frame.",
        page: "The page hit an error while loading.",
    }
    // The HTML edition loads everything from its own folder: a failure there is not the network's.
    const HTML_EDITION = {
        runtime: ["The game could not start in this browser: its Python runtime did not load.",
                  "The HTML edition loads Python from the pyodide/ folder beside its index.html: check that the folder was copied whole and that the server sends .wasm files."],
        archive: ["The game could not start: its case files did not load.",
                  "verdict.zip, beside index.html, could not be fetched or unpacked."],
    }
    const state = { stage: "runtime", started: false, failed: false, timer: 0, edition: "canvas", fallback: "" }
    const scale = () => Number(window.verdictWatchdogScale) || 1
    const byId = (id) => document.getElementById(id)

    function caseFromAddress() {
        for (const part of [location.search, location.hash]) {
            const params = new URLSearchParams(part.replace(/^[?#]/, ""))
            for (const key of ["case", "scenario"]) {
                const value = (params.get(key) || "").trim().toLowerCase()
                if (CASE_ID.test(value)) return value
            }
        }
        return ""
    }

    // pygbag's loader takes the first query item containing "py" for the interpreter's name, so in the canvas
    // edition the query is moved into the #fragment (which it does not read that way) before it loads.
    function takeDeepLink(moveQuery) {
        const id = caseFromAddress()
        if (id) window.verdictCase = id
        if (moveQuery && location.search) {
            const keep = location.hash.replace(/^#/, "").split("&").filter((p) => p && !/^(case|scenario)=/.test(p))
            const hash = [id ? "case=" + id : "", ...keep].filter(Boolean).join("&")
            history.replaceState(history.state, "", location.pathname + (hash ? "#" + hash : ""))
        }
        return id
    }

    function htmlEditionHref() {
        if (!state.fallback) return ""
        return state.fallback + (window.verdictCase ? "?case=" + window.verdictCase : "")
    }

    function show(stage, detail, kind) {
        const box = byId("verdict-problem")
        if (!box) return
        const own = state.edition === "html" ? HTML_EDITION[stage] : null
        byId("verdict-problem-student").textContent = own ? own[0] : STUDENT[stage] || STUDENT.page
        const seconds = Math.round(performance.now() / 1000)
        byId("verdict-problem-teacher").textContent = "For your teacher: " + (own ? own[1] : TEACHER[stage] || TEACHER.page)
            + " Stage: " + stage + ", after " + seconds + " s. " + (detail || "")
        const link = byId("verdict-problem-html")
        const href = htmlEditionHref()
        if (link && href) {
            link.href = href
            byId("verdict-problem-offer").hidden = false
        }
        const retry = byId("verdict-problem-retry")
        if (retry) retry.hidden = kind === "canvas"
        box.dataset.stage = stage
        box.dataset.kind = kind
        box.hidden = false
        // A start that failed leaves nothing to show on the stage: only the message.
        document.body.classList.toggle("verdict-start-failed", kind === "failed")
        for (const id of ["verdict-loading", "transfer", "infobox"]) {
            const el = byId(id)
            if (el) el.hidden = true
        }
        const infobox = byId("infobox")
        if (infobox) infobox.style.display = "none"
    }

    function arm() {
        clearTimeout(state.timer)
        if (state.started || state.failed) return
        const stage = state.stage
        state.timer = setTimeout(() => {
            if (state.started || state.failed || state.stage !== stage) return
            show(stage, "Nothing has moved for " + STALL_S[stage] + " s; the page keeps trying.", "stall")
        }, STALL_S[stage] * 1000 * scale())
    }

    const LOADING = {
        runtime: "Loading Verdict… The first visit downloads about 10 MB; later visits are quicker.",
        archive: "Loading the case files…",
        python: "Starting the game…",
        frame: "Opening the game screen…",
    }

    window.verdict_stage = function (stage) {
        if (state.started || state.failed) return
        state.stage = stage in STALL_S ? stage : state.stage
        const line = byId("verdict-loading")
        if (line && LOADING[state.stage]) line.textContent = LOADING[state.stage]
        const box = byId("verdict-problem")
        if (box && box.dataset.kind === "stall") box.hidden = true // it moved again after all
        arm()
    }

    window.verdict_progress = function () {
        if (!state.started && !state.failed) {
            const box = byId("verdict-problem")
            if (box && box.dataset.kind === "stall") box.hidden = true
            arm()
        }
    }

    window.verdict_failed = function (stage, detail) {
        if (state.started || state.failed) { // the first failure is the one to explain
            console.error("verdict:", stage, detail)
            return
        }
        state.failed = true
        clearTimeout(state.timer)
        show(stage in STUDENT ? stage : "page", String(detail || ""), "failed")
    }

    window.verdict_started = function () {
        state.started = true
        clearTimeout(state.timer)
        for (const id of ["verdict-loading", "transfer"]) {
            const el = byId(id)
            if (el) el.hidden = true
        }
        const box = byId("verdict-problem")
        if (box && box.dataset.kind === "stall") box.hidden = true
    }

    // pygame did not start, but the page layer did (it attaches first): text mode plays the same game.
    window.verdict_canvas_failed = function (detail) {
        state.started = true
        clearTimeout(state.timer)
        show("frame", String(detail || "") + " The text version on this page plays the same game.", "canvas")
        byId("verdict-problem-student").textContent =
            "The game's picture could not start in this browser, so it is shown as text: the same game, with the same saves."
    }

    function describeError(event) {
        const target = event && event.target
        if (target && target !== window && (target.src || target.href)) {
            return (target.src || target.href) + " could not be loaded (blocked, missing or offline)."
        }
        const error = event && (event.error || event.reason)
        return String((error && (error.message || error)) || (event && event.message) || "unknown error")
    }

    // Registered before pygbag's loader, whose own handlers call alert(): an error never reaches them.
    function onError(event) {
        event.stopImmediatePropagation()
        const target = event.target
        const src = target && target !== window ? String(target.src || target.href || "") : ""
        if (src && state.edition === "canvas" && state.stage !== "runtime" && !/pythons\.js|main\.(js|wasm|data)/.test(src)) {
            return // a later resource (an image, a sound) is not the start failing
        }
        window.verdict_failed(src ? "runtime" : state.stage, describeError(event))
    }
    window.addEventListener("error", onError, true)
    window.addEventListener("unhandledrejection", (event) => {
        event.stopImmediatePropagation()
        event.preventDefault()
        window.verdict_failed(state.stage, describeError(event))
    }, true)
    // pygbag also alerts directly (a page that is not UTF-8): never a modal box, the message instead.
    window.alert = function (message) {
        console.warn("verdict: alert suppressed:", message)
        if (!state.started) window.verdict_failed(state.stage, String(message))
    }

    window.verdictBoot = {
        takeDeepLink: takeDeepLink,
        // edition: "canvas" or "html"; fallback: the HTML edition's address, offered in every message.
        begin: function (edition, fallback) {
            state.edition = edition
            state.fallback = fallback || ""
            const run = () => {
                const retry = byId("verdict-problem-retry")
                if (retry) retry.addEventListener("click", () => location.reload())
                // pygbag's loader writes its download progress here: any change is a sign of life.
                for (const id of ["status", "progress"]) {
                    const el = byId(id)
                    if (el) new MutationObserver(window.verdict_progress).observe(el, { attributes: true, childList: true, characterData: true, subtree: true })
                }
                arm()
            }
            if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run)
            else run()
        },
        state: state,
    }
})()
