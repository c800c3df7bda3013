package io.custos.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.audit.Hash;
import io.custos.audit.proof.ConsistencyProof;
import io.custos.audit.proof.InclusionProof;
import io.custos.audit.proof.ProofVerifier;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tree, its proofs and their verification, against RFC 6962 test vectors and exhaustively. */
class MerkleTreeTest {

  // The Certificate Transparency reference vectors (certificate-transparency-go merkle tests).
  private static final String[] LEAF_INPUTS = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };
  private static final String[] ROOTS = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  private static final Hash BOGUS = Rfc6962.leaf(new byte[] {42});

  @Test
  void rootsMatchTheRfc6962ReferenceVectorsForEverySizeUpToEight() {
    MerkleFrontier frontier = MerkleFrontier.empty();
    assertThat(frontier.root().hex()).isEqualTo(ROOTS[0]);
    for (int n = 1; n <= 8; n++) {
      frontier.append(Rfc6962.leaf(HexFormat.of().parseHex(LEAF_INPUTS[n - 1])));
      assertThat(frontier.root().hex()).as("size %d", n).isEqualTo(ROOTS[n]);
    }
  }

  @Test
  void proofsMatchTheReferenceInclusionAndConsistencyVectors() {
    InMemoryTree tree = InMemoryTree.of(referenceLeaves());
    ProofBuilder proofs = new ProofBuilder(tree);
    assertThat(hex(proofs.inclusion(0, 8).path()))
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(hex(proofs.inclusion(5, 8).path()))
        .containsExactly(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    assertThat(hex(proofs.inclusion(1, 5).path()))
        .containsExactly(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    assertThat(hex(proofs.consistency(1, 1).path())).isEmpty();
    assertThat(hex(proofs.consistency(6, 8).path()))
        .containsExactly(
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    assertThat(hex(proofs.consistency(2, 5).path()))
        .containsExactly(
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
  }

  @Test
  void everyInclusionProofVerifiesAndFailsForAWrongLeafIndexOrRoot() {
    for (int n : new int[] {1, 2, 3, 5, 7, 8, 9, 31, 33, 64, 100, 2049}) {
      InMemoryTree tree = InMemoryTree.of(leaves(n));
      ProofBuilder proofs = new ProofBuilder(tree);
      Hash root = tree.root(n);
      Hash wrongRoot = tree.root(n - 1 == 0 ? 0 : n - 1);
      for (int i = 0; i < n; i++) {
        InclusionProof proof = proofs.inclusion(i, n);
        Hash leaf = tree.leaf(i);
        assertThat(ProofVerifier.verifyInclusion(proof, leaf, root)).as("%d/%d", i, n).isTrue();
        assertThat(ProofVerifier.verifyInclusion(proof, BOGUS, root))
            .as("wrong leaf %d/%d", i, n)
            .isFalse();
        assertThat(ProofVerifier.verifyInclusion(proof, leaf, wrongRoot)).isFalse();
        if (n > 1) {
          InclusionProof wrongIndex = new InclusionProof((i + 1) % n, n, proof.path());
          assertThat(ProofVerifier.verifyInclusion(wrongIndex, leaf, root))
              .as("wrong index %d/%d", i, n)
              .isFalse();
        }
      }
    }
  }

  @Test
  void everyConsistencyProofVerifiesAndFailsForAWrongRoot() {
    for (int n : new int[] {1, 2, 3, 4, 5, 8, 13, 64, 65, 1000, 2048}) {
      InMemoryTree tree = InMemoryTree.of(leaves(n));
      ProofBuilder proofs = new ProofBuilder(tree);
      Hash root = tree.root(n);
      for (int m = 1; m <= n; m++) {
        ConsistencyProof proof = proofs.consistency(m, n);
        Hash oldRoot = tree.root(m);
        assertThat(ProofVerifier.verifyConsistency(proof, oldRoot, root))
            .as("%d -> %d", m, n)
            .isTrue();
        assertThat(ProofVerifier.verifyConsistency(proof, BOGUS, root))
            .as("wrong old root %d -> %d", m, n)
            .isFalse();
        assertThat(ProofVerifier.verifyConsistency(proof, oldRoot, BOGUS))
            .as("wrong new root %d -> %d", m, n)
            .isFalse();
      }
    }
  }

  @Test
  void consistencyProofsBetweenAllSizePairsOfASmallTreeVerify() {
    InMemoryTree tree = InMemoryTree.of(leaves(70));
    ProofBuilder proofs = new ProofBuilder(tree);
    for (int n = 1; n <= 70; n++) {
      for (int m = 1; m <= n; m++) {
        ConsistencyProof proof = proofs.consistency(m, n);
        assertThat(ProofVerifier.verifyConsistency(proof, tree.root(m), tree.root(n))).isTrue();
        if (!proof.path().isEmpty()) {
          List<Hash> damaged = new ArrayList<>(proof.path());
          damaged.set(m % damaged.size(), BOGUS);
          ConsistencyProof forged = new ConsistencyProof(m, n, damaged);
          assertThat(ProofVerifier.verifyConsistency(forged, tree.root(m), tree.root(n)))
              .as("damaged path %d -> %d", m, n)
              .isFalse();
        }
      }
    }
  }

  @Test
  void rootsFromStoredNodesEqualTheFrontierRootAtEverySize() {
    InMemoryTree tree = InMemoryTree.of(leaves(300));
    ProofBuilder proofs = new ProofBuilder(tree);
    MerkleFrontier frontier = MerkleFrontier.empty();
    for (int n = 1; n <= 300; n++) {
      frontier.append(tree.leaf(n - 1));
      assertThat(proofs.root(n)).isEqualTo(frontier.root());
    }
  }

  private static List<Hash> referenceLeaves() {
    List<Hash> out = new ArrayList<>();
    for (String in : LEAF_INPUTS) {
      out.add(Rfc6962.leaf(HexFormat.of().parseHex(in)));
    }
    return out;
  }

  static List<Hash> leaves(int n) {
    List<Hash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Rfc6962.leaf(("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static List<String> hex(List<Hash> hashes) {
    return hashes.stream().map(Hash::hex).toList();
  }
}
