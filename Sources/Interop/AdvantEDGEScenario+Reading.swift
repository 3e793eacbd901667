import EdgeModel
public import Foundation

extension AdvantEDGEScenario {
    /// Reads a scenario from JSON (`.json`) or YAML (any other extension), with the warnings of
    /// what edgeplan will not use. `fileName` only names the file in messages.
    public static func read(_ data: Data, fileName: String) throws -> (AdvantEDGEScenario, [ImportWarning]) {
        let value = try ScenarioValue.parse(data, isJSON: fileName.lowercased().hasSuffix(".json"))
        var reader = ScenarioReader()
        let scenario = try reader.scenario(value, fileName: fileName)
        return (scenario, reader.warnings.warnings)
    }
}

/// Maps a parsed scenario onto `AdvantEDGEScenario`, level by level.
struct ScenarioReader {
    var warnings = ImportWarningCollector()

    mutating func scenario(_ value: ScenarioValue, fileName: String) throws -> AdvantEDGEScenario {
        let fields = try ScenarioFields(value, element: "scenario")
        let name = try fields.string("name") ?? (fileName as NSString).lastPathComponent
        _ = fields["id"]
        _ = fields["description"]
        let version = try fields.string("version")
        fields.setAside(["config"], as: .metadata, into: &warnings)
        guard let deploymentValue = fields["deployment"] else {
            throw ScenarioReadError.invalid("scenario \"\(name)\" has no deployment")
        }
        let deployment = try self.deployment(deploymentValue, element: "deployment of \"\(name)\"")
        fields.reportUnknown(into: &warnings)
        return AdvantEDGEScenario(name: name, version: version, deployment: deployment)
    }

    private mutating func deployment(_ value: ScenarioValue, element: String) throws -> AdvantEDGEScenario.Deployment {
        let fields = try ScenarioFields(value, element: element)
        let netChar = try networkCharacteristics(fields, element: element)
        fields.setAside(
            ["interDomainLatency", "interDomainLatencyVariation", "interDomainThroughput", "interDomainPacketLoss"],
            as: .deprecatedField, into: &warnings)
        fields.setAside(["meta", "userMeta"], as: .metadata, into: &warnings)
        // The connectivity model (OPEN, or PDU sessions) and device-to-device settings of later releases.
        fields.setAside(["connectivity", "d2d"], as: .connectivity, into: &warnings)
        let domains = try fields.list("domains").map { try domain($0) }
        fields.reportUnknown(into: &warnings)
        return AdvantEDGEScenario.Deployment(netChar: netChar, domains: domains)
    }

    private mutating func domain(_ value: ScenarioValue) throws -> AdvantEDGEScenario.Domain {
        let fields = try ScenarioFields(value, element: "a domain")
        let name = try fields.requiredString("name")
        let element = "domain \"\(name)\""
        fields.element = element
        _ = fields["id"]
        let type = try fields.string("type") ?? ""
        if !["OPERATOR", "OPERATOR-CELLULAR", "PUBLIC"].contains(type) {
            warnings.add(.unknownType, "\(element) of type \"\(type)\" (read as an operator domain)")
        }
        let netChar = try networkCharacteristics(fields, element: element)
        fields.setAside(
            ["interZoneLatency", "interZoneLatencyVariation", "interZoneThroughput", "interZonePacketLoss"],
            as: .deprecatedField, into: &warnings)
        fields.setAside(["cellularDomainConfig"], as: .identifiers, into: &warnings)
        fields.setAside(["meta", "userMeta"], as: .metadata, into: &warnings)
        let zones = try fields.list("zones").map { try zone($0) }
        fields.reportUnknown(into: &warnings)
        return AdvantEDGEScenario.Domain(name: name, type: type, netChar: netChar, zones: zones)
    }

    private mutating func zone(_ value: ScenarioValue) throws -> AdvantEDGEScenario.Zone {
        let fields = try ScenarioFields(value, element: "a zone")
        let name = try fields.requiredString("name")
        let element = "zone \"\(name)\""
        fields.element = element
        _ = fields["id"]
        let type = try fields.string("type") ?? ""
        if !["ZONE", "COMMON"].contains(type) {
            warnings.add(.unknownType, "\(element) of type \"\(type)\" (read as a zone)")
        }
        let netChar = try networkCharacteristics(fields, element: element)
        let deprecated = ["interFog", "interEdge", "edgeFog"].flatMap { prefix in
            ["Latency", "LatencyVariation", "Throughput", "PacketLoss"].map { prefix + $0 }
        }
        fields.setAside(deprecated, as: .deprecatedField, into: &warnings)
        fields.setAside(["meta", "userMeta"], as: .metadata, into: &warnings)
        let locations = try fields.list("networkLocations").map { try networkLocation($0) }
        fields.reportUnknown(into: &warnings)
        return AdvantEDGEScenario.Zone(name: name, type: type, netChar: netChar, networkLocations: locations)
    }

    private mutating func networkLocation(_ value: ScenarioValue) throws -> AdvantEDGEScenario.NetworkLocation {
        let fields = try ScenarioFields(value, element: "a network location")
        let name = try fields.requiredString("name")
        let element = "network location \"\(name)\""
        fields.element = element
        _ = fields["id"]
        let type = try fields.string("type") ?? ""
        if PointOfAccessKind(type) == nil, type != "DEFAULT" {
            warnings.add(.unknownType, "\(element) of type \"\(type)\"")
        }
        let netChar = try networkCharacteristics(fields, element: element)
        fields.setAside(
            [
                "terminalLinkLatency", "terminalLinkLatencyVariation", "terminalLinkThroughput",
                "terminalLinkPacketLoss",
            ],
            as: .deprecatedField, into: &warnings)
        fields.setAside(
            ["cellularPoaConfig", "poa4GConfig", "poa5GConfig", "poaWifiConfig"], as: .identifiers, into: &warnings)
        fields.setAside(["meta", "userMeta"], as: .metadata, into: &warnings)
        let geo = try fields["geoData"].map { try GeoDataReader(value: $0, element: element, warnings: &warnings) }
        var physical: [AdvantEDGEScenario.PhysicalLocation] = []
        for item in try fields.list("physicalLocations") {
            physical.append(try physicalLocation(item, terminalLink: netChar))
        }
        fields.reportUnknown(into: &warnings)
        return AdvantEDGEScenario.NetworkLocation(
            name: name, type: type, netChar: netChar, location: geo?.location, radiusMeters: geo?.radius,
            physicalLocations: physical)
    }

    private mutating func physicalLocation(
        _ value: ScenarioValue, terminalLink: AdvantEDGEScenario.NetworkCharacteristics
    ) throws -> AdvantEDGEScenario.PhysicalLocation {
        let fields = try ScenarioFields(value, element: "a physical location")
        let name = try fields.requiredString("name")
        let type = try fields.string("type") ?? ""
        let element = "\(type.isEmpty ? "physical location" : type) \"\(name)\""
        fields.element = element
        _ = fields["id"]
        let netChar = try networkCharacteristics(fields, element: element)
        if type == "UE" {
            // A UE's own link is per user; edgeplan has per-station and per-link figures only.
            if netChar.latency > 0 { warnings.add(.nodeCharacteristics, "\(element) latency \(netChar.latency) ms") }
            if netChar.symmetricThroughputMbps < terminalLink.symmetricThroughputMbps {
                warnings.add(.nodeCharacteristics, "\(element) throughput \(netChar.symmetricThroughputMbps) Mbps")
            }
        }
        for (key, normal) in [("connected", ScenarioValue.bool(true)), ("wireless", .bool(true))] {
            if let flag = fields[key], flag != normal { warnings.add(.connectivity, "\(element) \(key) \(flag.text)") }
        }
        if let flag = fields["isExternal"], flag == .bool(true) {
            warnings.add(.connectivity, "\(element) isExternal true")
        }
        fields.setAside(["wirelessType", "dataNetwork", "networkLocationsInRange"], as: .connectivity, into: &warnings)
        fields.setAside(["macId"], as: .identifiers, into: &warnings)
        fields.setAside(["meta", "userMeta"], as: .metadata, into: &warnings)
        fields.setAside(
            ["linkLatency", "linkLatencyVariation", "linkThroughput", "linkPacketLoss"], as: .deprecatedField,
            into: &warnings)
        let geo = try fields["geoData"].map { try GeoDataReader(value: $0, element: element, warnings: &warnings) }
        var processes: [AdvantEDGEScenario.Process] = []
        for item in try fields.list("processes") {
            let process = try ScenarioFields(item, element: "a process of \(element)")
            let processName = try process.requiredString("name")
            let processType = try process.string("type") ?? ""
            process.element = "\(processType) \"\(processName)\""
            processes.append(AdvantEDGEScenario.Process(name: processName, type: processType))
            warnings.add(.processes, "\(processType) \"\(processName)\" on \"\(name)\"")
        }
        fields.reportUnknown(into: &warnings)
        return AdvantEDGEScenario.PhysicalLocation(
            name: name, type: type, netChar: netChar, location: geo?.location, path: geo?.path,
            endOfPathMode: geo?.endOfPathMode, velocityMetersPerSecond: geo?.velocity, processes: processes)
    }

    /// The `netChar` map of an element, and the warnings of what in it edgeplan cannot keep.
    private mutating func networkCharacteristics(
        _ owner: ScenarioFields, element: String
    ) throws -> AdvantEDGEScenario.NetworkCharacteristics {
        guard let value = owner["netChar"] else { return AdvantEDGEScenario.NetworkCharacteristics() }
        let fields = try ScenarioFields(value, element: "\(element) netChar")
        var netChar = AdvantEDGEScenario.NetworkCharacteristics(
            latencyMilliseconds: try fields.number("latency"),
            latencyVariationMilliseconds: try fields.number("latencyVariation"),
            latencyDistribution: try fields.string("latencyDistribution"),
            throughputDownlinkMbps: try fields.number("throughputDl"),
            throughputUplinkMbps: try fields.number("throughputUl"),
            packetLossPercent: try fields.number("packetLoss"))
        if let old = try fields.number("throughput") {
            // The single throughput of releases before UL/DL; used only where neither is given.
            warnings.add(.deprecatedField, "\(element) netChar throughput \(ScenarioValue.decimal(old))")
            if netChar.throughputUplinkMbps == nil, netChar.throughputDownlinkMbps == nil {
                netChar.throughputUplinkMbps = old
                netChar.throughputDownlinkMbps = old
            }
        }
        if let latency = netChar.latencyMilliseconds, latency < 0 {
            throw ScenarioReadError.invalid("\(element): latency must not be negative, found \(latency) ms")
        }
        // Path RTTs are sums of latencies in Int64 nanoseconds, and edgeplan's times end at 1e9 s.
        if let latency = netChar.latencyMilliseconds, latency > AdvantEDGEScenario.maximumLatencyMilliseconds {
            throw ScenarioReadError.invalid(
                "\(element): latency must be at most \(InputBounds.text(AdvantEDGEScenario.maximumLatencyMilliseconds)) ms, found \(latency) ms"
            )
        }
        for throughput in [netChar.throughputUplinkMbps, netChar.throughputDownlinkMbps].compactMap({ $0 })
        where throughput > InputBounds.maximumBitsPerSecond / 1e6 {
            throw ScenarioReadError.invalid(
                "\(element): throughput must be at most \(InputBounds.text(InputBounds.maximumBitsPerSecond / 1e6)) Mbps, found \(throughput) Mbps"
            )
        }
        if let jitter = netChar.latencyVariationMilliseconds, jitter > 0 {
            warnings.add(.latencyVariation, "\(element) \(ScenarioValue.decimal(jitter)) ms")
        }
        if let distribution = netChar.latencyDistribution, !distribution.isEmpty {
            warnings.add(.latencyDistribution, "\(element) \(distribution)")
        }
        if let loss = netChar.packetLossPercent, loss > 0 {
            warnings.add(.packetLoss, "\(element) \(ScenarioValue.decimal(loss)) %")
        }
        let up = AdvantEDGEScenario.NetworkCharacteristics.defaulted(netChar.throughputUplinkMbps)
        let down = AdvantEDGEScenario.NetworkCharacteristics.defaulted(netChar.throughputDownlinkMbps)
        if up != down {
            warnings.add(
                .asymmetricThroughput,
                "\(element) UL \(ScenarioValue.decimal(up)) Mbps, DL \(ScenarioValue.decimal(down)) Mbps")
        }
        fields.reportUnknown(into: &warnings)
        return netChar
    }
}
