package io.custos.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custos.cli.http.Json;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

class TypedDataReviewTest {

  private static final String ID = "0b9c3f7e-3c1e-4bde-9a52-1f0e6f0c2d11";
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private static JsonNode request() {
    return Json.parse(
        """
        {"id":"%s","state":"PENDING_APPROVAL","wallet":"treasury","kind":"native_transfer",
         "to":"%s","value":"5000000000000000000","data":"0x",
         "decision":{"policyHash":"abc"}}
        """
            .formatted(ID, VENDOR));
  }

  private static ObjectNode approval(String verdict, String value, long expiresAt) {
    return (ObjectNode)
        Json.parse(
            """
            {"types":{
               "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                               {"name":"chainId","type":"uint256"}],
               "Approval":[{"name":"requestId","type":"string"},{"name":"verdict","type":"string"},
                           {"name":"to","type":"address"},{"name":"value","type":"uint256"},
                           {"name":"expiresAt","type":"uint256"}]},
             "primaryType":"Approval",
             "domain":{"name":"Custos","version":"1","chainId":31337},
             "message":{"requestId":"%s","verdict":"%s","to":"%s","value":"%s","expiresAt":%d}}
            """
                .formatted(ID, verdict, VENDOR, value, expiresAt));
  }

  private static String digestOf(JsonNode typedData) throws Exception {
    byte[] d = new StructuredDataEncoder(Json.write(typedData)).hashStructuredData();
    return "0x" + HexFormat.of().formatHex(d);
  }

  private static long inAnHour() {
    return NOW.getEpochSecond() + 3600;
  }

  @Test
  void matchingTypedDataIsSignedAndTheSignatureRecoversToTheKey() throws Exception {
    ObjectNode td = approval("approve", "5000000000000000000", inAnHour());
    Review review = TypedDataReview.approval(td, digestOf(td), request(), "approve", NOW);

    assertThat(review.problems()).isEmpty();
    assertThat(review.fields())
        .filteredOn(f -> Boolean.TRUE.equals(f.matches()))
        .extracting(FieldCheck::field)
        .containsExactlyInAnyOrder("requestId", "verdict", "to", "value");
    assertThat(review.fields()).extracting(FieldCheck::field).contains("domain.chainId");

    Credentials key = Credentials.create(Keys.createEcKeyPair());
    String sig = Signatures.sign(review.digest(), key);
    byte[] raw = HexFormat.of().parseHex(sig.substring(2));
    assertThat(raw).hasSize(65);
    assertThat(raw[64]).isIn((byte) 27, (byte) 28);
    var data =
        new Sign.SignatureData(
            raw[64], Arrays.copyOfRange(raw, 0, 32), Arrays.copyOfRange(raw, 32, 64));
    BigInteger recovered = Sign.signedMessageHashToKey(review.digest(), data);
    assertThat("0x" + Keys.getAddress(recovered)).isEqualTo(key.getAddress());
  }

  @Test
  void aValueThatDiffersFromTheRequestIsRefused() throws Exception {
    ObjectNode td = approval("approve", "6000000000000000000", inAnHour());
    Review review = TypedDataReview.approval(td, digestOf(td), request(), "approve", NOW);

    assertThat(review.ok()).isFalse();
    assertThat(review.problems()).anySatisfy(p -> assertThat(p).startsWith("value is 6000"));
  }

  @Test
  void theOtherVerdictIsRefused() throws Exception {
    ObjectNode td = approval("approve", "5000000000000000000", inAnHour());
    Review review = TypedDataReview.approval(td, digestOf(td), request(), "reject", NOW);
    assertThat(review.problems()).anySatisfy(p -> assertThat(p).startsWith("verdict is approve"));
  }

  @Test
  void aDigestThatIsNotThatOfTheTypedDataIsRefused() {
    ObjectNode td = approval("approve", "5000000000000000000", inAnHour());
    Review review = TypedDataReview.approval(td, "0x" + "00".repeat(32), request(), "approve", NOW);
    assertThat(review.problems()).anySatisfy(p -> assertThat(p).contains("server's digest"));
  }

  @Test
  void anExpiredApprovalIsRefused() throws Exception {
    ObjectNode td = approval("approve", "5000000000000000000", NOW.getEpochSecond() - 1);
    Review review = TypedDataReview.approval(td, digestOf(td), request(), "approve", NOW);
    assertThat(review.problems()).anySatisfy(p -> assertThat(p).contains("expired"));
  }

  @Test
  void typedDataThatNamesNoRequestIsRefused() throws Exception {
    ObjectNode td = approval("approve", "5000000000000000000", inAnHour());
    ((ObjectNode) td.get("message")).remove("requestId");
    ((com.fasterxml.jackson.databind.node.ArrayNode) td.path("types").path("Approval")).remove(0);
    Review review = TypedDataReview.approval(td, digestOf(td), request(), "approve", NOW);
    assertThat(review.problems())
        .contains("the message does not name the request (no requestId field)");
  }

  @Test
  void aRegistrationMustNameTheKeystoresAddress() throws Exception {
    String mine = "0x2222222222222222222222222222222222222222";
    JsonNode td =
        Json.parse(
            """
            {"types":{"EIP712Domain":[{"name":"name","type":"string"}],
                      "KeyRegistration":[{"name":"subject","type":"string"},
                                         {"name":"address","type":"address"}]},
             "primaryType":"KeyRegistration","domain":{"name":"Custos"},
             "message":{"subject":"bob-subject","address":"%s"}}
            """
                .formatted(mine));
    assertThat(TypedDataReview.registration(td, digestOf(td), mine).ok()).isTrue();
    assertThat(
            TypedDataReview.registration(
                    td, digestOf(td), "0x3333333333333333333333333333333333333333")
                .problems())
        .anySatisfy(p -> assertThat(p).contains("does not name this keystore's address"));
  }
}
