enum CompanionPlaceholder {}
