from aiwatch.cli import main

main()
