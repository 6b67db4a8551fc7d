namespace Orchestrator.SimulatedCluster.Protobuf;

/// <summary>
/// The Kubernetes protobuf field numbers of the objects that kubectl's typed commands (create namespace,
/// configmap, secret, serviceaccount, deployment, service, role, rolebinding; run; expose; auth can-i; create token) send, read from the
/// API's generated.proto. A field is `jsonName=number:type`; `*` marks a repeated field, `?` a Go pointer
/// (its zero value is meaningful and kept; other zero values are the encoder's defaults and are dropped).
/// </summary>
public static class ProtobufSchema
{
    public sealed record Field(string Name, string Type, bool Repeated, bool Pointer);

    private static readonly Dictionary<string, string> Definitions = new(StringComparer.Ordinal)
    {
        ["ObjectMeta"] = "name=1:string generateName=2:string namespace=3:string selfLink=4:string uid=5:string resourceVersion=6:string generation=7:int64 "
            + "creationTimestamp=8:Time deletionTimestamp=9:Time deletionGracePeriodSeconds=10:int64? labels=11:map<string,string> "
            + "annotations=12:map<string,string> ownerReferences=13:*OwnerReference finalizers=14:*string",
        ["OwnerReference"] = "kind=1:string name=3:string uid=4:string apiVersion=5:string controller=6:bool? blockOwnerDeletion=7:bool?",
        ["LabelSelector"] = "matchLabels=1:map<string,string> matchExpressions=2:*LabelSelectorRequirement",
        ["LabelSelectorRequirement"] = "key=1:string operator=2:string values=3:*string",
        ["Namespace"] = "metadata=1:ObjectMeta spec=2:NamespaceSpec status=3:NamespaceStatus",
        ["NamespaceSpec"] = "finalizers=1:*string",
        ["NamespaceStatus"] = "phase=1:string",
        ["ConfigMap"] = "metadata=1:ObjectMeta data=2:map<string,string> binaryData=3:map<string,bytes> immutable=4:bool?",
        ["Secret"] = "metadata=1:ObjectMeta data=2:map<string,bytes> type=3:string stringData=4:map<string,string> immutable=5:bool?",
        ["ServiceAccount"] = "metadata=1:ObjectMeta secrets=2:*ObjectReference imagePullSecrets=3:*LocalObjectReference automountServiceAccountToken=4:bool?",
        ["ObjectReference"] = "kind=1:string namespace=2:string name=3:string uid=4:string apiVersion=5:string resourceVersion=6:string fieldPath=7:string",
        ["LocalObjectReference"] = "name=1:string",
        ["Pod"] = "metadata=1:ObjectMeta spec=2:PodSpec status=3:PodStatus",
        ["PodStatus"] = "phase=1:string",
        ["PodTemplateSpec"] = "metadata=1:ObjectMeta spec=2:PodSpec",
        ["PodSpec"] = "containers=2:*Container restartPolicy=3:string terminationGracePeriodSeconds=4:int64? activeDeadlineSeconds=5:int64? "
            + "dnsPolicy=6:string nodeSelector=7:map<string,string> serviceAccountName=8:string serviceAccount=9:string nodeName=10:string "
            + "hostNetwork=11:bool hostPID=12:bool hostIPC=13:bool imagePullSecrets=15:*LocalObjectReference hostname=16:string "
            + "subdomain=17:string schedulerName=19:string initContainers=20:*Container automountServiceAccountToken=21:bool? "
            + "priorityClassName=24:string priority=25:int32? enableServiceLinks=30:bool?",
        ["Container"] = "name=1:string image=2:string command=3:*string args=4:*string workingDir=5:string ports=6:*ContainerPort "
            + "env=7:*EnvVar resources=8:ResourceRequirements volumeMounts=9:*VolumeMount terminationMessagePath=13:string "
            + "imagePullPolicy=14:string stdin=16:bool stdinOnce=17:bool tty=18:bool terminationMessagePolicy=20:string",
        ["ContainerPort"] = "name=1:string hostPort=2:int32 containerPort=3:int32 protocol=4:string hostIP=5:string",
        ["EnvVar"] = "name=1:string value=2:string",
        ["ResourceRequirements"] = "limits=1:map<string,Quantity> requests=2:map<string,Quantity>",
        ["VolumeMount"] = "name=1:string readOnly=2:bool mountPath=3:string subPath=4:string",
        ["Service"] = "metadata=1:ObjectMeta spec=2:ServiceSpec status=3:ServiceStatus",
        ["ServiceSpec"] = "ports=1:*ServicePort selector=2:map<string,string> clusterIP=3:string type=4:string externalIPs=5:*string "
            + "sessionAffinity=7:string loadBalancerIP=8:string externalName=10:string externalTrafficPolicy=11:string "
            + "publishNotReadyAddresses=13:bool ipFamilyPolicy=17:string? clusterIPs=18:*string ipFamilies=19:*string",
        ["ServicePort"] = "name=1:string protocol=2:string port=3:int32 targetPort=4:IntOrString nodePort=5:int32 appProtocol=6:string?",
        ["ServiceStatus"] = "",
        ["Deployment"] = "metadata=1:ObjectMeta spec=2:DeploymentSpec status=3:DeploymentStatus",
        ["DeploymentSpec"] = "replicas=1:int32? selector=2:LabelSelector template=3:PodTemplateSpec strategy=4:DeploymentStrategy "
            + "minReadySeconds=5:int32 revisionHistoryLimit=6:int32? paused=7:bool progressDeadlineSeconds=9:int32?",
        ["DeploymentStrategy"] = "type=1:string rollingUpdate=2:RollingUpdateDeployment",
        ["RollingUpdateDeployment"] = "maxUnavailable=1:IntOrString maxSurge=2:IntOrString",
        ["DeploymentStatus"] = "",
        ["Role"] = "metadata=1:ObjectMeta rules=2:*PolicyRule",
        ["ClusterRole"] = "metadata=1:ObjectMeta rules=2:*PolicyRule aggregationRule=3:AggregationRule",
        ["AggregationRule"] = "clusterRoleSelectors=1:*LabelSelector",
        ["PolicyRule"] = "verbs=1:*string apiGroups=2:*string resources=3:*string resourceNames=4:*string nonResourceURLs=5:*string",
        ["RoleBinding"] = "metadata=1:ObjectMeta subjects=2:*Subject roleRef=3:RoleRef",
        ["ClusterRoleBinding"] = "metadata=1:ObjectMeta subjects=2:*Subject roleRef=3:RoleRef",
        ["Subject"] = "kind=1:string apiGroup=2:string name=3:string namespace=4:string",
        ["RoleRef"] = "apiGroup=1:string kind=2:string name=3:string",
        ["DeleteOptions"] = "gracePeriodSeconds=1:int64? preconditions=2:Preconditions orphanDependents=3:bool? propagationPolicy=4:string dryRun=5:*string",
        ["Preconditions"] = "uid=1:string resourceVersion=2:string",
        ["Eviction"] = "metadata=1:ObjectMeta deleteOptions=2:DeleteOptions",
        ["SelfSubjectAccessReview"] = "metadata=1:ObjectMeta spec=2:SelfSubjectAccessReviewSpec status=3:SubjectAccessReviewStatus",
        ["SelfSubjectAccessReviewSpec"] = "resourceAttributes=1:ResourceAttributes nonResourceAttributes=2:NonResourceAttributes",
        ["ResourceAttributes"] = "namespace=1:string verb=2:string group=3:string version=4:string resource=5:string subresource=6:string name=7:string",
        ["NonResourceAttributes"] = "path=1:string verb=2:string",
        ["SubjectAccessReviewStatus"] = "",
        ["SelfSubjectRulesReview"] = "metadata=1:ObjectMeta spec=2:SelfSubjectRulesReviewSpec status=3:SubjectRulesReviewStatus",
        ["SelfSubjectRulesReviewSpec"] = "namespace=1:string",
        ["SubjectRulesReviewStatus"] = "",
        ["TokenRequest"] = "metadata=1:ObjectMeta spec=2:TokenRequestSpec status=3:TokenRequestStatus",
        ["TokenRequestSpec"] = "audiences=1:*string boundObjectRef=3:BoundObjectReference expirationSeconds=4:int64?",
        ["BoundObjectReference"] = "kind=1:string apiVersion=2:string name=3:string uid=4:string",
        ["TokenRequestStatus"] = "",
    };

    private static readonly Dictionary<string, IReadOnlyDictionary<int, Field>> Parsed =
        Definitions.ToDictionary(d => d.Key, d => Parse(d.Value), StringComparer.Ordinal);

    /// <summary>The fields of a message by number; null when the message is not known here.</summary>
    public static IReadOnlyDictionary<int, Field>? Message(string name) => Parsed.GetValueOrDefault(name);

    private static IReadOnlyDictionary<int, Field> Parse(string definition)
    {
        var fields = new Dictionary<int, Field>();
        foreach (var token in definition.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, rest) = (token[..token.IndexOf('=')], token[(token.IndexOf('=') + 1)..]);
            var (number, type) = (int.Parse(rest[..rest.IndexOf(':')]), rest[(rest.IndexOf(':') + 1)..]);
            var repeated = type.StartsWith('*');
            var pointer = type.EndsWith('?');
            fields[number] = new Field(name, type.Trim('*', '?'), repeated, pointer);
        }
        return fields;
    }
}
