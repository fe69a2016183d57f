// Moved to src/composables (useFormDialog needs it there); this keeps the older import path working.
export { useFieldErrors, type FieldFeedback } from '../../composables/useFieldErrors'
