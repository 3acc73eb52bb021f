/// The product version, printed by `--version` and written into saved sessions.
public enum GradbookVersion {
    public static let string = "0.1.0"
}
