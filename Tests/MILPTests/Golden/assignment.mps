* edgeplan model assignment
* maximisation written as minimisation: every objective coefficient is negated
NAME assignment
ROWS
 N obj
 E assign#u1
 E assign#u2
 L cap#s1
 L cap#s2
COLUMNS
 M1 'MARKER' 'INTORG'
 z#u1#s1 obj -10
 z#u1#s1 assign#u1 1
 z#u1#s1 cap#s1 1
 z#u1#s2 obj -1
 z#u1#s2 assign#u1 1
 z#u1#s2 cap#s2 1
 z#u2#s1 obj -8
 z#u2#s1 assign#u2 1
 z#u2#s1 cap#s1 1
 z#u2#s2 obj -6
 z#u2#s2 assign#u2 1
 z#u2#s2 cap#s2 1
 M2 'MARKER' 'INTEND'
RHS
 RHS assign#u1 1
 RHS assign#u2 1
 RHS cap#s1 1
 RHS cap#s2 1
BOUNDS
 BV BND z#u1#s1
 BV BND z#u1#s2
 BV BND z#u2#s1
 BV BND z#u2#s2
ENDATA
