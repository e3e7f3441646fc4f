object : dev.tcplab.lab.engine.Greeter {
    override fun greet(name: String) = nme
}
