package io.custos.service;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The service's packages depend on each other one way: a package that needs something from one that
 * depends on it declares a port of its own (e.g. {@code governance.RecentRequests}, {@code
 * policy.DeploymentId}) that the other implements. Checked on the compiled classes.
 */
@AnalyzeClasses(
    packages = "io.custos.service",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

  @ArchTest
  static final ArchRule noPackageDependsOnItselfThroughOthers =
      slices().matching("io.custos.service.(*)..").should().beFreeOfCycles();
}
