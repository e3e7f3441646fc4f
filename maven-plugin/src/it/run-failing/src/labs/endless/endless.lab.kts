title = "Never ends"

check("declared before the loop") { }
var spins = 0L
while (true) {
    spins++
}
