# Every pacer target compiles warning-clean with -Wall -Wextra.
add_compile_options(-Wall -Wextra -Wno-missing-field-initializers)
