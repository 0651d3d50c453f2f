enum SlideDocumentsPlaceholder {}
