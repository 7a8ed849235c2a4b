"""pygbag's entry point (it must be called main.py and sit at the top of the app folder).

Desktop players use `verdict play`; this file is what the browser build starts.
"""

import asyncio

from game.window.loop import main

asyncio.run(main())
