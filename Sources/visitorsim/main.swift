import VisitorSimCLI

CLI.main()
