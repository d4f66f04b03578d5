"""The command-line adapter (Typer + Rich). It parses, calls the engine, renders."""
