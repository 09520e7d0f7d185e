evaluate(new File(hostChecks))
