import groovy.json.JsonSlurper
def lab = new File(basedir, 'src/labs/my-lab')
def script = new File(lab, 'my-lab.lab.kts').text
assert script.contains('title = "My lab"')
// a network lab, not only a quiz: hosts, a link, a listener, a hidden check, submission checks
assert script.contains('host("server"') && script.contains('link(client, server)') && script.contains('hidden = true')
assert script.contains('submission.answer(')
assert new File(lab, 'README.md').isFile()
assert new File(lab, 'submission-template/answers.properties').isFile()
assert new File(lab, 'solution/answers.properties').text.contains('TCP_NEW_SYN_RECV')
def log = new File(basedir, 'build.log').text
// the second run refused to overwrite
assert log.contains('already exists')
// the third ran the new lab green against its reference solution
def result = new JsonSlurper().parse(new File(basedir, 'target/lab-reports/my-lab/result.json'))
assert result.outcome == 'PASSED'
assert result.points == 8 && result.maxPoints == 8
// 3: a walk-through, numbered as asked, without submission folders; the output says where to start
def tour = new File(basedir, 'src/labs/03-tour')
assert new File(tour, 'tour.lab.kts').text.contains('step("SYN")')
assert !new File(tour, 'solution').exists() && !new File(tour, 'submission-template').exists()
assert log.contains('Start here: ' + new File(tour, 'README.md').path + ', then ' + new File(tour, 'tour.lab.kts').path)
assert log.contains('Run it (every check green): mvn lab:run -Dlab=tour')
def tourResult = new JsonSlurper().parse(new File(basedir, 'target/lab-reports/tour/result.json'))
assert tourResult.outcome == 'PASSED' && tourResult.points == 4
assert log =~ /\[INFO\] PASSED: 2 labs, 2 passed, 0 failed, 0 errors; 12\/12 points; /
return true
