package io.custos.service.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custos.service.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The JSON-RPC 2.0 envelope: a call or a batch in, the responses out in the same order, each call
 * answered on its own (one failing call fails only itself). Notifications (no {@code id}) are
 * carried out and not answered.
 */
@ApplicationScoped
class JsonRpc {

  private static final Logger LOG = Logger.getLogger(JsonRpc.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BATCH = 100;

  private final RpcMethods methods;

  JsonRpc(RpcMethods methods) {
    this.methods = methods;
  }

  /** The response body for {@code body}, or null when there is nothing to answer. */
  String handle(String body, Caller caller) {
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return write(error(null, new RpcError(RpcError.PARSE_ERROR, "the body is not JSON")));
    }
    if (request == null || request.isMissingNode()) {
      return write(error(null, new RpcError(RpcError.PARSE_ERROR, "the body is empty")));
    }
    if (!request.isArray()) {
      return write(answer(request, caller));
    }
    if (request.isEmpty() || request.size() > MAX_BATCH) {
      return write(
          error(
              null,
              new RpcError(
                  RpcError.INVALID_REQUEST, "a batch holds 1 to " + MAX_BATCH + " calls")));
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode call : request) {
      ObjectNode response = answer(call, caller);
      if (response != null) {
        out.add(response);
      }
    }
    return out.isEmpty() ? null : write(out);
  }

  /** The response to one call, or null for a notification. */
  private ObjectNode answer(JsonNode call, Caller caller) {
    if (!call.isObject()
        || !"2.0".equals(call.path("jsonrpc").asText(null))
        || !call.path("method").isTextual()
        || !(call.path("params").isMissingNode() || call.path("params").isArray())
        || !validId(call.get("id"))) {
      return error(
          idOf(call),
          new RpcError(
              RpcError.INVALID_REQUEST,
              "not a JSON-RPC 2.0 call: jsonrpc \"2.0\", a method name, params as an array"));
    }
    JsonNode id = call.get("id");
    String method = call.get("method").asText();
    JsonNode params =
        call.has("params") ? call.get("params") : JsonNodeFactory.instance.arrayNode();
    try {
      Object result = methods.call(method, (ArrayNode) params, caller);
      return id == null ? null : success(id, result);
    } catch (RpcError e) {
      return id == null ? null : error(id, e);
    } catch (RuntimeException e) {
      LOG.errorf(e, "JSON-RPC %s failed", method);
      return id == null
          ? null
          : error(id, new RpcError(RpcError.INTERNAL, "internal error; see the service's log"));
    }
  }

  private static boolean validId(JsonNode id) {
    return id == null || id.isNull() || id.isTextual() || id.isIntegralNumber();
  }

  private static JsonNode idOf(JsonNode call) {
    JsonNode id = call.isObject() ? call.get("id") : null;
    return validId(id) ? id : null;
  }

  private static ObjectNode success(JsonNode id, Object result) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("jsonrpc", "2.0");
    r.set("id", id);
    r.set(
        "result", result == null ? JsonNodeFactory.instance.nullNode() : JSON.valueToTree(result));
    return r;
  }

  private static ObjectNode error(JsonNode id, RpcError e) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("jsonrpc", "2.0");
    r.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
    r.set("error", JSON.valueToTree(e.body()));
    return r;
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON-RPC response", e);
    }
  }
}
