import groovy.json.JsonSlurper
def reports = new File(basedir, 'target/lab-reports')
def results = new JsonSlurper().parse(new File(reports, 'results.json'))
assert results.score == 3
assert results.tests.size() == 3
assert results.tests*.status == ['passed', 'passed', 'failed']
assert results.tests[2].visibility == 'after_published'
assert results.tests*.max_score == [2, 1, 1]
assert new File(reports, 'quiz/index.html').isFile()
assert new File(reports, 'TEST-quiz.xml').isFile()
assert new File(basedir, 'build.log').text.contains('Score: 3 / 4')
return true
