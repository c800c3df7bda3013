package io.custos.testsupport;

/**
 * A test database with the two roles of a deployment (see {@link
 * PostgresServer#createServiceDatabase}), each as a {@link TestDatabase} that logs in as it.
 *
 * @param superuser the test server's superuser: the tests' own view, past every grant
 * @param owner the migration role, owner of the schema and of every table the migrations create
 * @param runtime the role the service runs as: only the privileges the migrations grant it
 */
public record ServiceDatabase(TestDatabase superuser, TestDatabase owner, TestDatabase runtime) {

  public String name() {
    return superuser.name();
  }
}
