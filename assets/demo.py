def seed(stdout) -> None:
    stdout.write("Demo assets: none yet.")
