import dev.tcplab.lab.engine.Greeter

fun shout(s: String) = "hello, $s"

object : Greeter {
    override fun greet(name: String) = shout(name)
}
