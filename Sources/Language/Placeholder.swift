public enum LanguagePlaceholder {}
