package dev.etcdsop.worker;

import dev.etcdsop.workflows.SopSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run that upserts a search attribute the namespace lacks fails its workflow task, over and over: every run would
 * hang at its first step. So the worker checks them before it takes any work, and refuses to start without them.
 */
final class SearchAttributeCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SearchAttributeCheck.class);

    private SearchAttributeCheck() {
    }

    static void require(WorkflowServiceStubs service, String namespace) {
        final Map<String, IndexedValueType> registered;
        try {
            final OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
                    OperatorServiceStubsOptions.newBuilder().setChannel(service.getRawChannel()).validateAndBuildWithDefaults());
            registered = operator.blockingStub().listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build()).getCustomAttributesMap();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED || e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                LOG.warn("cannot list the search attributes of namespace '{}' ({}); make sure {} are registered as Keyword",
                        namespace, e.getStatus().getCode(), names(SopSearchAttributes.ALL.stream().map(k -> k.getName()).toList()));
                return;
            }
            throw e;
        }
        final List<String> missing = SopSearchAttributes.ALL.stream().map(k -> k.getName())
                .filter(name -> registered.get(name) != IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("namespace '" + namespace + "' lacks the search attribute(s) " + names(missing)
                    + " of type Keyword, which every run sets. Register them, then start the worker again: "
                    + missing.stream().map(name -> "temporal operator search-attribute create --namespace " + namespace
                            + " --name " + name + " --type Keyword").collect(Collectors.joining("; "))
                    + " (docker-compose runs scripts/register-search-attributes.sh for you)");
        }
    }

    private static String names(List<String> names) {
        return String.join(", ", names);
    }
}
