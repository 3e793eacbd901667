* edgeplan model mixed
* maximisation written as minimisation: every objective coefficient is negated
NAME mixed
ROWS
 N obj
 L r
COLUMNS
 x obj -3
 x r 1
 M1 'MARKER' 'INTORG'
 b obj -2
 b r 4
 M2 'MARKER' 'INTEND'
RHS
 RHS r 5
BOUNDS
 UP BND x 2.5
 BV BND b
ENDATA
