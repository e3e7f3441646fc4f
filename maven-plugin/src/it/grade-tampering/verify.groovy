import groovy.json.JsonSlurper
def json = new JsonSlurper()
def results = json.parse(new File(basedir, 'target/lab-reports/results.json'))
// only the plain answer counts: the implementation ran in its own sandboxed process, so its forged
// records went nowhere that counts, its writes to results.json never landed (the score is not 100)
// and its System.exit ended only its own process
assert results.score == 1
def tests = results.tests.collectEntries { [(it.name): it] }
assert tests['tamper: plain answer'].status == 'passed'
assert tests['tamper: implementation'].status == 'failed'
assert tests['tamper: implementation'].score == 0
assert tests['tamper: implementation'].output.contains("the submission's process ended while get() of answer.kts ran (exit status 0)")
assert results.extra_data.isolation.startsWith('bubblewrap')
assert results.tests.size() == 2

// the reference solution's implementation loads and runs under the same sandbox
def solution = json.parse(new File(basedir, 'target/solution-reports/results.json'))
assert solution.score == 3
assert solution.tests*.status == ['passed', 'passed']

def log = new File(basedir, 'build.log').text
assert log.contains('Score: 1 / 3')
assert log.contains('Score: 3 / 3')
return true
