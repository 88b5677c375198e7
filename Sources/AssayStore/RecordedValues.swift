/// The values the store accepts for a gate result's scope (`GateResult` is the report's own type;
/// its side, status and severity are typed).
public enum RecordedValues {
    public static let scopes = ["overall", "each_class"]
}
