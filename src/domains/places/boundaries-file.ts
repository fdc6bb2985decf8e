// Boundaries from GeoJSON (FeatureCollection) or TopoJSON (Topology, quantised and delta-encoded
// arcs), as polygons in longitude/latitude with each feature's GSS code and name. Pure.

export type Ring = [number, number][];
export type Polygon = Ring[]; // outer ring, then holes
export interface Boundary {
  code: string;
  name: string;
  polygons: Polygon[];
}

export class BoundaryFileError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The GSS code and name properties: LSOA11CD/LSOA11NM, LAD13CD/LAD13NM, … (not the old "CDO" codes). */
function codeAndName(properties: Json, where: string): { code: string; name: string } {
  const keys = Object.keys(properties);
  const codeKey = keys.find((k) => /CD$/i.test(k) && typeof properties[k] === 'string' && /^[EWSNK]\d{8}$/.test(properties[k] as string));
  if (!codeKey) throw new BoundaryFileError(`${where}: no property holds a GSS code (like LSOA11CD or LAD13CD)`);
  const stem = codeKey.slice(0, -2);
  const nameKey = keys.find((k) => k.toUpperCase() === `${stem.toUpperCase()}NM`) ?? keys.find((k) => /NM$/i.test(k));
  return { code: properties[codeKey] as string, name: nameKey ? String(properties[nameKey] ?? '') : '' };
}

function checkRing(ring: unknown, where: string): Ring {
  if (!Array.isArray(ring) || ring.length < 4) throw new BoundaryFileError(`${where}: a ring needs at least 4 positions`);
  return ring.map((p, i) => {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
      throw new BoundaryFileError(`${where}: position ${i + 1} is not a longitude and latitude`);
    }
    return [p[0], p[1]];
  });
}

function geometryPolygons(geometry: unknown, where: string): Polygon[] {
  if (!isObject(geometry)) throw new BoundaryFileError(`${where}: no geometry`);
  if (geometry.type === 'Polygon') return [(geometry.coordinates as unknown[]).map((r, i) => checkRing(r, `${where}, ring ${i + 1}`))];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as unknown[][]).map((poly, j) => poly.map((r, i) => checkRing(r, `${where}, polygon ${j + 1}, ring ${i + 1}`)));
  throw new BoundaryFileError(`${where}: a ${String(geometry.type)} is not an area (Polygon or MultiPolygon)`);
}

function decodeTopology(topology: Json, fileName: string): Boundary[] {
  const arcsIn = topology.arcs;
  if (!Array.isArray(arcsIn)) throw new BoundaryFileError(`${fileName}: a TopoJSON file needs arcs`);
  const transform = isObject(topology.transform) ? (topology.transform as { scale: [number, number]; translate: [number, number] }) : null;
  // Quantised arcs are delta-encoded: each position is the difference from the previous one.
  const arcs: Ring[] = arcsIn.map((arc: [number, number][]) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      if (!transform) return [dx, dy] as [number, number];
      x += dx;
      y += dy;
      return [x * transform.scale[0] + transform.translate[0], y * transform.scale[1] + transform.translate[1]] as [number, number];
    });
  });
  const ring = (indices: number[], where: string): Ring => {
    const out: Ring = [];
    indices.forEach((index, k) => {
      // A negative index ~i is arc i reversed.
      const arc = index >= 0 ? arcs[index] : arcs[~index]?.slice().reverse();
      if (!arc) throw new BoundaryFileError(`${where}: arc ${index} does not exist`);
      out.push(...(k === 0 ? arc : arc.slice(1)));
    });
    return checkRing(out, where);
  };
  const objects = isObject(topology.objects) ? Object.values(topology.objects) : [];
  const out: Boundary[] = [];
  for (const object of objects) {
    if (!isObject(object) || !Array.isArray(object.geometries)) continue;
    (object.geometries as Json[]).forEach((g, i) => {
      const where = `${fileName}, geometry ${i + 1}`;
      const { code, name } = codeAndName(isObject(g.properties) ? g.properties : {}, where);
      const arcsOf = g.arcs as number[][] | number[][][];
      const polygons =
        g.type === 'Polygon'
          ? [(arcsOf as number[][]).map((r, k) => ring(r, `${where}, ring ${k + 1}`))]
          : g.type === 'MultiPolygon'
            ? (arcsOf as number[][][]).map((poly, j) => poly.map((r, k) => ring(r, `${where}, polygon ${j + 1}, ring ${k + 1}`)))
            : (() => {
                throw new BoundaryFileError(`${where}: a ${String(g.type)} is not an area`);
              })();
      out.push({ code, name, polygons });
    });
  }
  return out;
}

export function readBoundaryFile(content: Buffer | string, fileName = 'the file'): Boundary[] {
  let json: unknown;
  try {
    json = JSON.parse(typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BoundaryFileError(`${fileName} is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(json)) throw new BoundaryFileError(`${fileName} is not a GeoJSON or TopoJSON object`);
  let boundaries: Boundary[];
  if (json.type === 'Topology') boundaries = decodeTopology(json, fileName);
  else if (json.type === 'FeatureCollection' && Array.isArray(json.features)) {
    boundaries = (json.features as Json[]).map((f, i) => {
      const where = `${fileName}, feature ${i + 1}`;
      return { ...codeAndName(isObject(f.properties) ? f.properties : {}, where), polygons: geometryPolygons(f.geometry, where) };
    });
  } else throw new BoundaryFileError(`${fileName} is neither a GeoJSON FeatureCollection nor a TopoJSON Topology`);
  const seen = new Set<string>();
  for (const b of boundaries) {
    if (seen.has(b.code)) throw new BoundaryFileError(`${fileName}: ${b.code} appears more than once`);
    seen.add(b.code);
  }
  return boundaries;
}

/** Ray casting on the outer ring minus holes; points on an edge may fall either side. */
export function containsPoint(boundary: Boundary, longitude: number, latitude: number): boolean {
  const inRing = (ring: Ring) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > latitude !== yj > latitude && longitude < ((xj - xi) * (latitude - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  return boundary.polygons.some(([outer, ...holes]) => outer !== undefined && inRing(outer) && !holes.some(inRing));
}
