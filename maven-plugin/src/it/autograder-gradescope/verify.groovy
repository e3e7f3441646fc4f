import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermission

// Gradescope: the zip's contents in /autograder/source, setup.sh run there once, then for each
// submission /autograder/submission -> /autograder/run_autograder -> /autograder/results/results.json.
def zip = new File(basedir, 'target/autograder.zip')
assert zip.isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('Gradescope autograder: ')

def run(List<String> cmd, File dir, Map<String, String> env) {
    def pb = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true)
    pb.environment().putAll(env)
    def p = pb.start()
    def out = p.inputStream.text
    p.waitFor()
    println "\$ ${cmd.join(' ')}\n${out}"
    return [p.exitValue(), out]
}

def labs = new File(basedir, '../../../../labs').canonicalFile
def answers = new File(labs, '12-exercise-predict/solution/answers.properties').text
def goodIsn = new File(labs, '14-exercise-isn-generator/solution/isn.kts').text
// Correct code that also tries to read the reference solution and to write the results itself.
def tamperingIsn = goodIsn.replace('val secret = ', '''val leaked = try { java.io.File("/autograder/source/labs/12-exercise-predict/solution/answers.properties").readText() } catch (e: Throwable) { "" }
try { java.io.File("/autograder/results/results.json").writeText("{\\"score\\": 100}") } catch (e: Throwable) { }
if (leaked.isNotEmpty()) throw IllegalStateException("read the solution: " + leaked.length)
val secret = ''')
assert tamperingIsn.contains('leaked')
def submissions = [
    correct  : [answers, goodIsn, 21],
    wrong    : [new File(labs, '12-exercise-predict/submission-template/answers.properties').text,
                new File(labs, '14-exercise-isn-generator/submission-template/isn.kts').text, 0],
    tampering: [new File(labs, '12-exercise-predict/submission-template/answers.properties').text, tamperingIsn, 9],
]

def root = Files.createTempDirectory('autograder-it').toFile()
def source = new File(root, 'source')
source.mkdirs()
def (unzipStatus, unzipOut) = run(['unzip', '-q', zip.path, '-d', source.path], root, [:])
assert unzipStatus == 0
def perms = Files.getPosixFilePermissions(new File(source, 'run_autograder').toPath())
assert perms.contains(PosixFilePermission.OWNER_EXECUTE) : 'run_autograder must be executable'
assert new File(source, 'labs/12-exercise-predict/solution/answers.properties').isFile()
assert new File(source, 'lib').list().any { it.startsWith('lab-dsl') }

// setup.sh without apt (this machine has its JDK and bubblewrap already)
def (setupStatus, setupOut) = run(['bash', 'setup.sh'], source, [TCPLAB_SKIP_APT: '1'])
assert setupStatus == 0 && setupOut.contains('tcplab autograder ready: 12-exercise-predict 14-exercise-isn-generator')
def solutionPerms = Files.getPosixFilePermissions(new File(source, 'labs/12-exercise-predict/solution').toPath())
assert !solutionPerms.contains(PosixFilePermission.OTHERS_READ) && !solutionPerms.contains(PosixFilePermission.OTHERS_EXECUTE)

// As root: a private mount namespace with the tree at /autograder, as in Gradescope's container.
boolean root0 = 'id -u'.execute().text.trim() == '0'
boolean createdMountPoint = false
if (root0 && !new File('/autograder').exists()) {
    createdMountPoint = new File('/autograder').mkdir()
}
try {
    submissions.each { name, s ->
        def sub = new File(root, 'submission')
        sub.deleteDir()
        new File(sub, '12-exercise-predict').mkdirs()
        new File(sub, '14-exercise-isn-generator').mkdirs()
        new File(sub, '12-exercise-predict/answers.properties').text = s[0]
        new File(sub, '14-exercise-isn-generator/isn.kts').text = s[1]
        new File(root, 'results').deleteDir()
        def status, out
        if (root0) {
            (status, out) = run(['unshare', '--mount', '--propagation', 'private', 'bash', '-c',
                "mount --bind '${root.path}' /autograder && /autograder/source/run_autograder".toString()], root, [:])
        } else {
            (status, out) = run([new File(source, 'run_autograder').path], root, [TCPLAB_AUTOGRADER_ROOT: root.path])
        }
        assert status == 0 : "${name}: run_autograder exit ${status}"
        def results = new JsonSlurper().parse(new File(root, 'results/results.json'))
        assert results.score == s[2] : "${name}: score ${results.score}, expected ${s[2]}"
        assert results.tests.size() == 13
        assert results.tests.every { t -> t.name && t.max_score != null && t.score != null && t.status in ['passed', 'failed'] }
        assert results.tests.findAll { it.visibility == 'after_published' }*.name.sort() ==
            ['isn-generator: data flows with your sequence numbers',
             'predict-the-handshake: Q3: when connect() gives up (give_up_after)',
             'predict-the-handshake: Q7: the state of a connection request between SYN and final ACK (request_state)']
        assert results.extra_data.isolation.startsWith('bubblewrap')
        assert out.contains("Score: ${s[2]} / 21")
    }
} finally {
    if (createdMountPoint) {
        new File('/autograder').delete()
    }
    root.deleteDir()
}
return true
