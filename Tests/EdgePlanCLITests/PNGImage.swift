import CZlib
import Foundation

/// Just enough of PNG to count a screenshot's colours: 8-bit RGB or RGBA, not interlaced (what
/// Chromium writes). The IDAT stream is inflated with zlib and the row filters undone, so the
/// pixels compared are the real ones, not filtered bytes (a blank image filtered with "Sub" is
/// mostly zeros whatever its colour).
struct PNGImage {
    struct DecodeError: Error, CustomStringConvertible {
        let description: String
    }

    let width: Int
    let height: Int
    /// Bytes per pixel: 3 (RGB) or 4 (RGBA).
    let channels: Int
    /// Unfiltered rows, `width · channels` bytes each.
    let pixels: [UInt8]

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, Array(bytes[0..<8]) == Self.signature else {
            throw DecodeError(description: "not a PNG")
        }
        func integer(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var header: (width: Int, height: Int, depth: UInt8, colour: UInt8, interlace: UInt8)?
        var compressed: [UInt8] = []
        while offset + 12 <= bytes.count {
            let length = integer(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw DecodeError(description: "truncated \(type) chunk") }
            let body = Array(bytes[offset + 8..<offset + 8 + length])
            let stored = UInt(integer(offset + 8 + length))
            let computed = bytes[offset + 4..<offset + 8 + length].withUnsafeBufferPointer {
                crc32(0, $0.baseAddress, uInt($0.count))
            }
            guard stored == computed else { throw DecodeError(description: "bad CRC in \(type)") }
            switch type {
            case "IHDR":
                header = (integer(offset + 8), integer(offset + 12), body[8], body[9], body[12])
            case "IDAT": compressed += body
            default: break
            }
            offset += 12 + length
            if type == "IEND" { break }
        }
        guard let header else { throw DecodeError(description: "no IHDR") }
        guard header.depth == 8, header.colour == 2 || header.colour == 6, header.interlace == 0 else {
            throw DecodeError(description: "unsupported PNG: depth \(header.depth), colour type \(header.colour)")
        }
        width = header.width
        height = header.height
        channels = header.colour == 6 ? 4 : 3
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = compressed.withUnsafeBufferPointer { source in
            raw.withUnsafeMutableBufferPointer { target in
                uncompress(target.baseAddress, &rawLength, source.baseAddress, uLong(source.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else {
            throw DecodeError(description: "zlib status \(status), \(rawLength) of \(raw.count) bytes")
        }
        pixels = try Self.unfilter(raw, height: height, stride: stride, channels: channels)
    }

    /// Undoes the five PNG row filters (None, Sub, Up, Average, Paeth).
    static func unfilter(_ raw: [UInt8], height: Int, stride: Int, channels: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let input = row * (stride + 1) + 1
            let base = row * stride
            for i in 0..<stride {
                let left = i >= channels ? Int(out[base + i - channels]) : 0
                let up = row > 0 ? Int(out[base - stride + i]) : 0
                let upLeft = row > 0 && i >= channels ? Int(out[base - stride + i - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let p = left + up - upLeft
                    let (pa, pb, pc) = (abs(p - left), abs(p - up), abs(p - upLeft))
                    predictor = pa <= pb && pa <= pc ? left : (pb <= pc ? up : upLeft)
                default: throw DecodeError(description: "unknown filter \(filter) in row \(row)")
                }
                out[base + i] = UInt8((Int(raw[input + i]) + predictor) & 0xFF)
            }
        }
        return out
    }

    /// How many pixels have each colour (RGB, alpha ignored: screenshots are opaque).
    func colourCounts() -> [UInt32: Int] {
        var counts: [UInt32: Int] = [:]
        for pixel in 0..<(width * height) {
            let at = pixel * channels
            let colour = UInt32(pixels[at]) << 16 | UInt32(pixels[at + 1]) << 8 | UInt32(pixels[at + 2])
            counts[colour, default: 0] += 1
        }
        return counts
    }

    /// Writes a PNG (filter None on every row), for the decoder's own tests.
    static func encode(width: Int, height: Int, rgb: (Int, Int) -> (UInt8, UInt8, UInt8)) -> Data {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width {
                let (r, g, b) = rgb(x, y)
                raw += [r, g, b]
            }
        }
        var compressedLength = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
        _ = compress(&compressed, &compressedLength, raw, uLong(raw.count))
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + body
            let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
            return bigEndian(body.count) + typed + bigEndian(Int(crc))
        }
        func bigEndian(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (24 - 8 * $0)) & 0xFF) } }
        let header = bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]
        return Data(
            signature + chunk("IHDR", header) + chunk("IDAT", Array(compressed[0..<Int(compressedLength)]))
                + chunk("IEND", []))
    }
}
