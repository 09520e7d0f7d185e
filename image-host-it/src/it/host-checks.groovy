// What each host's verify.groovy checks after its build: the program ran, the testkit's contracts
// ran and passed against the host's store, and image-bom manages Imago's artifacts and nothing else.
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('HOST LISTED 1 IMAGE(S): [web]') : 'the host program did not run'
assert !log.contains('filename-based automodules') : 'a module name is made from a file name'

// Counted, not trusted: Maven 3.8's default Surefire 2.12 runs none of these and succeeds.
['HostImageStoreTest', 'HostImageServiceStatefulTest'].each { name ->
  def report = new File(basedir, "target/surefire-reports/TEST-example.host.${name}.xml")
  assert report.isFile() : "${name} did not run"
  def suite = new XmlSlurper().parse(report)
  assert (suite.@tests.text() as int) > 0 : "${name} ran no test"
  assert (suite.@failures.text() as int) == 0 && (suite.@errors.text() as int) == 0
  println "${basedir.name}: ${name} ran ${suite.@tests} tests in ${suite.@time} s"
}

def effective = new XmlSlurper().parse(new File(basedir, 'target/effective-pom.xml'))
def managed = effective.dependencyManagement.dependencies.dependency.collect {
  "${it.groupId}:${it.artifactId}:${it.version}" as String
}
println "${basedir.name}: the effective dependencyManagement is ${managed}"
def version = effective.dependencyManagement.dependencies.dependency[0].version.text()
assert managed.sort() == ['image-core', 'image-jdbc-store', 'image-memory-store', 'image-spi',
    'image-spring-boot-starter', 'image-testkit']
    .collect { "dev.imago:${it}:${version}" as String }

// The BOM as a host gets it: no parent to bring anything else in, and what Central requires.
def bom = new XmlSlurper().parse(
    new File(localRepositoryPath, "dev/imago/image-bom/${version}/image-bom-${version}.pom"))
assert bom.parent.size() == 0 : 'image-bom has a parent'
assert bom.url.text() && bom.licenses.license.name.text() && bom.developers.developer.name.text()
assert bom.scm.connection.text() && bom.scm.url.text()
