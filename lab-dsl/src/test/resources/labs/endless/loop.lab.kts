title = "Never ends"
check("before the loop") { }
var spins = 0L
while (true) {
    spins++
}
