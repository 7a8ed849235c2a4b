"""The web build tool (`verdict web`, `make web`): stages the game and runs pygbag offline. Never shipped."""
