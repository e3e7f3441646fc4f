object : java.util.function.Supplier<String> {
    override fun get() = "42"
}
