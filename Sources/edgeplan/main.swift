import EdgePlanCLI

EdgePlanCommand.main()
