import groovy.json.JsonSlurper
def json = new JsonSlurper()
def results = json.parse(new File(basedir, 'target/lab-reports/results.json'))
// only the plain answer counts: the implementation's System.exit is refused, its forged record
// went to stderr, and its writes to results.json never landed (the score is not 100)
assert results.score == 1
def tests = results.tests.collectEntries { [(it.name): it] }
assert tests['tamper: plain answer'].status == 'passed'
assert tests['tamper: implementation'].status == 'failed'
assert tests['tamper: implementation'].score == 0
assert tests['tamper: implementation'].output.contains('System.exit(0) is not allowed')
assert results.tests.size() == 2

// the reference solution's implementation loads and runs under the same sandbox
def solution = json.parse(new File(basedir, 'target/solution-reports/results.json'))
assert solution.score == 3
assert solution.tests*.status == ['passed', 'passed']

def log = new File(basedir, 'build.log').text
assert log.contains('Score: 1 / 3')
assert log.contains('Score: 3 / 3')
return true
