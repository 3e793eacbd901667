import EdgePlanCLI

EdgePlanMain.run()
