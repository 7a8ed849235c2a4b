import sys

from game.webbuild.build import main

raise SystemExit(main(sys.argv[1:]))
