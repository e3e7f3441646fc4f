// Choosing the timers after a host exists is an error at its line.
title = "Timers chosen too late"
val client = host("client", "192.0.2.1")
exactTimers()
