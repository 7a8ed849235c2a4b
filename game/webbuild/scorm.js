// The SCORM package's page: find the LMS's SCORM 1.2 API before the game starts (game/webbuild/scorm.py
// puts this in the HTML edition's <head>). The standard search: window.API in this window, then in each
// parent up to a limit, then the same from the window that opened this one (an LMS that launches the
// course in a new window). A parent on another site throws when read: that is "no API there".
// The game (game/web/scorm.py) takes what is found from window.verdictLmsApi; null: play as usual.
(function () {
    "use strict"
    const MAX_PARENTS = 7
    function apiIn(win) {
        try {
            return win && win.API && typeof win.API.LMSInitialize === "function" ? win.API : null
        } catch (error) {
            return null
        }
    }
    function search(win) {
        for (let tries = 0; win && tries <= MAX_PARENTS; tries++) {
            const api = apiIn(win)
            if (api) return api
            let parent = null
            try {
                parent = win.parent
            } catch (error) {
                return null
            }
            if (!parent || parent === win) return null
            win = parent
        }
        return null
    }
    let api = search(window)
    if (!api) {
        try {
            api = window.opener ? search(window.opener) : null
        } catch (error) {
            api = null
        }
    }
    window.verdictLmsApi = api
    /*@VERDICT_SCORM_CASE@*/
})()
