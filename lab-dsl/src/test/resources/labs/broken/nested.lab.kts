check("outer") {
    check("inner") { }
}
