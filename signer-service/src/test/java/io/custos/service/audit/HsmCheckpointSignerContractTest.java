package io.custos.service.audit;

import io.custos.audit.checkpoint.CheckpointSigner;
import io.custos.audit.checkpoint.CheckpointSignerContract;
import io.custos.service.support.RealStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The checkpoint signer's contract on the signer the application itself wires ({@link
 * AuditProducer}): its dedicated key generated in the stack's real SoftHSM2 token and used through
 * the hsm-adapter's PKCS#11 vault.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class HsmCheckpointSignerContractTest extends CheckpointSignerContract {

  @Inject CheckpointSigner signer;

  @Override
  protected CheckpointSigner signer() {
    return signer;
  }
}
