import EdgeModel
import Mobility
import Testing

/// Trace times and plane coordinates have the bounds of every time and coordinate (±1e9 s, ±1e9 m):
/// a trace ending at 1e300 s made `plan` loop for ever. Each value past them is reported at its place.
struct TraceBoundsTests {
    @Test func csvTimesAndCoordinatesPastTheBounds() {
        let (trajectories, messages) = TraceTestSupport.read(
            "time,id,x,y\n0,car,0,0\n1e300,car,10,0\n2,car,-2e9,0\n3,car,0,1.5e9\n4,car,0,1e9\n", format: .csv,
            path: "t.csv")
        #expect(
            messages == [
                "t.csv:3:1: error: expected a number of seconds within ±1e9 for \"time\", found \"1e300\" [trace-value]",
                "t.csv:4:7: error: expected a number within ±1e9 for \"x\", found \"-2e9\" [trace-value]",
                "t.csv:5:9: error: expected a number within ±1e9 for \"y\", found \"1.5e9\" [trace-value]",
            ])
        #expect(trajectories.isEmpty)  // a trace with errors gives no users
    }

    @Test func fcdTimesPastTheBound() {
        let xml = """
            <fcd-export>
              <timestep time="0"><vehicle id="v" x="0" y="0"/></timestep>
              <timestep time="-1e10"><vehicle id="v" x="0" y="0"/></timestep>
              <timestep time="5"><vehicle id="v" x="1e12" y="0"/></timestep>
            </fcd-export>
            """
        let (trajectories, messages) = TraceTestSupport.read(xml, format: .sumoFCD)
        #expect(
            messages == [
                "t.xml:3:19: error: expected a number of seconds within ±1e9 for \"time\", found \"-1e10\" [trace-value]",
                "t.xml:4:41: error: expected a number within ±1e9 for \"x\", found \"1e12\" [trace-value]",
            ])
        #expect(trajectories.isEmpty)
    }
}
