// A CONFIG_HZ the model does not run is an error at its line.
title = "A timer wheel at 300 Hz"
timerWheel(hz = 300)
val client = host("client", "192.0.2.1")
