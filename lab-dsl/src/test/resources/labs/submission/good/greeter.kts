// The hook is a plain JDK interface: a submission's code runs in its own process, which sees the
// JDK and the toolkit, not the tests' classes.
fun shout(s: String) = "hello, $s"

object : java.util.function.UnaryOperator<String> {
    override fun apply(name: String) = shout(name)
}
