"""The wording of answers and of the generator's prompts (*.toml), shipped as package data so that an
installed kehoach reads them with importlib.resources, not from the clone."""
