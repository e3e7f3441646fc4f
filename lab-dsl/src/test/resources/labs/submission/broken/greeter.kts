object : java.util.function.UnaryOperator<String> {
    override fun apply(name: String) = nme
}
